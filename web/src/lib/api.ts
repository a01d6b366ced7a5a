/**
 * The one way the web app talks to the API: same-origin fetch with the session cookie, JSON in
 * and out, and the CSRF token (from GET /api/auth/csrf) on every request that changes something.
 * Every failure becomes an ApiError carrying the server's `{error:{code,message,details}}`.
 */

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A network failure (server down, offline): status 0 so callers can tell it apart. */
const NETWORK_MESSAGE = 'network';

let csrfToken: Promise<string> | null = null;

function fetchCsrf(): Promise<string> {
  csrfToken ??= fetch('/api/auth/csrf', { credentials: 'same-origin' })
    // No connection (a phone out of coverage): the same error as any request that could not be
    // sent, so that the caller keeps its work and tries again, rather than a bare TypeError.
    .catch(() => {
      throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
    })
    .then(async (res) => {
      if (!res.ok) throw await toError(res);
      return ((await res.json()) as { token: string }).token;
    })
    .catch((err: unknown) => {
      csrfToken = null;
      throw err;
    });
  return csrfToken;
}

/**
 * POST a FormData with upload progress (fetch cannot report it), with the CSRF token, and the same
 * ApiError on failure as every other call.
 */
export async function upload<T>(
  url: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  const token = await fetchCsrf();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
    }
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_MESSAGE));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const e = (body as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)
        ?.error;
      reject(
        new ApiError(
          xhr.status,
          e?.code ?? (xhr.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
          e?.message ?? xhr.statusText,
          e?.details ?? [],
        ),
      );
    };
    xhr.send(form);
  });
}

/** Forget the token, e.g. after log-in or log-out, when the server's secret may have changed. */
export function resetCsrf(): void {
  csrfToken = null;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; details?: ErrorDetail[] };
    };
    if (body.error?.code) {
      return new ApiError(res.status, body.error.code, body.error.message ?? '', body.error.details ?? []);
    }
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic error.
  }
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', res.statusText);
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: Method, url: string, opts: RequestOptions = {}): Promise<T> {
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: BodyInit | undefined;
    if (opts.body instanceof FormData) body = opts.body;
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    if (method !== 'GET') headers['x-csrf-token'] = await fetchCsrf();
    try {
      return await fetch(url, {
        method,
        headers,
        body,
        credentials: 'same-origin',
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
    }
  };
  let res = await send();
  // A stale token (the CSRF cookie expired, or the server restarted): fetch a new one and retry once.
  if (res.status === 403 && method !== 'GET') {
    const err = await toError(res.clone());
    if (/csrf/i.test(err.message) || err.message.includes('öppen för länge')) {
      resetCsrf();
      res = await send();
    }
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(url: string, signal?: AbortSignal) => request<T>('GET', url, signal ? { signal } : {}),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, { body: body ?? {} }),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, { body: body ?? {} }),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, { body: body ?? {} }),
  delete: <T>(url: string) => request<T>('DELETE', url),
};

/** `?a=1&b=x` from an object, leaving out empty values. */
export function toQuery(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

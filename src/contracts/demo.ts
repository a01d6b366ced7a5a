import { z } from 'zod';

/** A message the demo's own SMTP server received (see src/modules/mail/demo-mailbox.ts). */
export const DemoMessageDto = z.object({
  id: z.string(),
  receivedAt: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })),
});

import { PageHeading } from '../../../components/PageHeading';

export default function ImportPage() {
  return <PageHeading>ImportPage</PageHeading>;
}

import { PageHeading } from '../../../components/PageHeading';

export default function TopicsPage() {
  return <PageHeading>TopicsPage</PageHeading>;
}

import { PageHeading } from '../../../components/PageHeading';

export default function StaffListPage() {
  return <PageHeading>StaffListPage</PageHeading>;
}

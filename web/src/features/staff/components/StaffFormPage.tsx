import { PageHeading } from '../../../components/PageHeading';

export default function StaffFormPage() {
  return <PageHeading>StaffFormPage</PageHeading>;
}

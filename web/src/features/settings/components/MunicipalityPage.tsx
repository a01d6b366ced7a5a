import { PageHeading } from '../../../components/PageHeading';

export default function MunicipalityPage() {
  return <PageHeading>MunicipalityPage</PageHeading>;
}

import { Link } from 'react-router';
import { useDemoMailbox } from '../api/mailbox';
import { useTexts } from '../texts';

/** On the start page, for admins, while Besök runs as the demo: the way to the demo mailbox. */
export function DemoMailboxLink() {
  const { tx } = useTexts();
  const box = useDemoMailbox();
  if (!box.data) return null;
  return (
    <p className="demo-mailbox-link">
      <Link to="/demobrevlada">{tx.homeLink}</Link> ({tx.count(box.data.items.length)})
    </p>
  );
}

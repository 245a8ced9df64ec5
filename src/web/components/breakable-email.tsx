import { Fragment } from 'react';

/**
 * An email address that may wrap where a reader expects it to, after the `@` or before a dot
 * ("amina.haddad@" / "demo.clinic.fr"), instead of at whatever letter meets the edge. A part
 * still too long for the line breaks anywhere (`break-words` on the element that holds it).
 */
export function BreakableEmail({ email }: { email: string }) {
  const parts = email.split(/(?<=@)|(?=\.)/);
  return (
    <>
      {parts.map((part, index) => (
        // The parts of one address never reorder: their position is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

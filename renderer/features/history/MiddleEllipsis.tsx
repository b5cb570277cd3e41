/** How many characters of the end always show: a transaction ID is told apart by its last digits. */
const TAIL = 6;

/**
 * A long ID in a narrow column: its start, an ellipsis where it is cut, and always its end
 * (where IDs differ). The whole value is the title (on hover) and what a screen reader reads;
 * the detail screen shows it whole.
 */
export function MiddleEllipsis({ value, className = '', field }: { value: string; className?: string; field?: string }) {
  const head = value.length > TAIL ? value.slice(0, -TAIL) : '';
  const tail = value.length > TAIL ? value.slice(-TAIL) : value;
  return (
    <span className={`middle-ellipsis mono ${className}`.trim()} title={value} aria-label={value} {...(field ? { 'data-field': field } : {})} data-value={value}>
      <span className="middle-ellipsis-head" aria-hidden="true">
        {head}
      </span>
      <span className="middle-ellipsis-tail" aria-hidden="true">
        {tail}
      </span>
    </span>
  );
}

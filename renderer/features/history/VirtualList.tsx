import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row is this tall (px): positions are arithmetic, never measured. */
  rowHeight: number;
  /** Rows drawn above and below the visible ones, so fast scrolling shows no gaps. */
  overscan?: number;
  itemKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** Called when the last rows come into view: load the next page. */
  onEndReached?: () => void;
  label: string;
}

/**
 * A windowed list: however many rows are loaded, only the ones in view (plus a few) are
 * in the DOM, absolutely positioned inside a spacer as tall as all of them. With fixed
 * row heights that is all a virtualized list needs; no library is worth adding for it.
 */
export function VirtualList<T>({ items, rowHeight, overscan = 8, itemKey, renderRow, onEndReached, label }: VirtualListProps<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const nearEnd = last >= items.length - overscan;
  const onEnd = useRef(onEndReached);
  onEnd.current = onEndReached;
  useEffect(() => {
    if (nearEnd && items.length > 0) onEnd.current?.();
  }, [nearEnd, items.length]);

  return (
    <div ref={viewport} className="virtual-list" role="list" aria-label={label} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div className="virtual-list-spacer" style={{ height: items.length * rowHeight }}>
        {items.slice(first, last).map((item, offset) => (
          <div key={itemKey(item)} role="listitem" className="virtual-list-row" style={{ top: (first + offset) * rowHeight, height: rowHeight }}>
            {renderRow(item, first + offset)}
          </div>
        ))}
      </div>
    </div>
  );
}

import { useEffect, useState } from 'react';

/** Milliseconds left until `untilMs` (epoch), re-rendered every second; never negative. */
export function useCountdown(untilMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [untilMs]);
  return Math.max(0, untilMs - now);
}

/** m:ss, rounded up: "0:01" is still payable, "0:00" is not (the cashier's and the customer's countdowns agree). */
export function minutesSeconds(ms: number): string {
  const total = Math.ceil(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

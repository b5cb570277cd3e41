/** The money and date rule lives in shared/money/localeMoney.ts (main prints with it too); the windows import it from here. */
export { dateTime, localeOf, money } from '../../../shared/money/localeMoney';

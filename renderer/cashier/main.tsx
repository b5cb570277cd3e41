import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import '../styles/cjk.css';
import '../styles/cashier.css';
import '../styles/backOffice.css';
import '../styles/print.css';
import { initI18n } from '../i18n/i18n';
import { CashierApp } from './CashierApp';

initI18n('en');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CashierApp />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import '../styles/display.css';
import { initI18n } from '../i18n/i18n';
import { DisplayApp } from './DisplayApp';

initI18n('en');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DisplayApp />
  </StrictMode>,
);

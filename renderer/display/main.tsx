import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles/base.css';
import '../styles/cjk.css';
import '../styles/display.css';
import { initI18n } from '../i18n/i18n';
import { DisplayApp } from './DisplayApp';
import { LanDisplayApp } from './LanDisplayApp';
import { isLanDisplayPage } from './lanDisplayBridge';

initI18n('en');
// Served by the LAN display host (a tablet): pair over /display-api; the cashier contract is not there.
const lan = isLanDisplayPage(document);
createRoot(document.getElementById('root')!).render(<StrictMode>{lan ? <LanDisplayApp /> : <DisplayApp />}</StrictMode>);

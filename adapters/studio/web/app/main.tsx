import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';

// The token came in the address; the server has set its cookie, so the address bar (and a projector) drops it.
const address = new URL(window.location.href);
if (address.searchParams.has('token')) {
  address.searchParams.delete('token');
  window.history.replaceState(null, '', address);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(<App />);

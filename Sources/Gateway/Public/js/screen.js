// Which screen the page shows: 'boot' (starting), 'auth' (the sign-in form) or 'app' (the
// workspace: its header and its panels). One main landmark holds whichever is shown.
import { $ } from './dom.js';

export function showScreen(name) {
  $('#boot').hidden = name !== 'boot';
  $('#auth-screen').hidden = name !== 'auth';
  $('#topbar').hidden = name !== 'app';
  $('#app').hidden = name !== 'app';
}

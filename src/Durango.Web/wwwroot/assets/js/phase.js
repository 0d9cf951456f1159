// Phases as Argo UI shows them: an icon and a colour (the colour comes from the CSS class phase-<Name>).
const ICONS = {
  Pending: '\u25F7', // clock
  Running: '\u25CC', // spinning circle
  Succeeded: '\u2714', // check
  Failed: '\u2716', // cross
  Error: '\u26A0', // warning
  Skipped: '\u00BB', // skip
  Omitted: '\u2205', // empty set
};

export const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Error'];

export const icon = phase => ICONS[phase] || ICONS.Pending;
export const phaseClass = phase => `phase-${ICONS[phase] ? phase : 'Pending'}`;
export const isDone = phase => phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';

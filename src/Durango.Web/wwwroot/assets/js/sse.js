// Server-sent events over fetch (EventSource cannot send the Authorization header): the workflow-events stream.
import { streamLines } from './api.js';

/**
 * Watches path (an /api/v1/workflow-events URL), calling onEvent({type, object}) for each event, reconnecting
 * after a drop with a growing pause, until the returned function is called.
 */
export function watch(path, onEvent, onState) {
  const controller = new AbortController();
  let pause = 500;
  const run = async () => {
    while (!controller.signal.aborted) {
      let data = [];
      try {
        onState && onState('open');
        await streamLines(path, line => {
          if (line === '') {
            if (data.length) dispatch(data.join('\n'), onEvent);
            data = [];
            pause = 500;
          } else if (line.startsWith('data:')) {
            data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
          } else if (line.startsWith('{')) {
            dispatch(line, onEvent); // a server that answers JSON lines instead (grpc-gateway's other stream form)
            pause = 500;
          }
        }, controller.signal, 'text/event-stream');
        if (data.length) dispatch(data.join('\n'), onEvent);
      } catch (error) {
        if (controller.signal.aborted) return;
        onState && onState('error', error);
      }
      if (controller.signal.aborted) return;
      await new Promise(resolve => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 10000);
    }
  };
  run();
  return () => controller.abort();
}

function dispatch(text, onEvent) {
  let message;
  try { message = JSON.parse(text); } catch { return; }
  const result = message && (message.result || message);
  if (result && result.object) onEvent({ type: result.type, object: result.object });
}

// ELK's own worker (the GWT-compiled layout engine): importing it in a worker makes it answer ELK's messages.
// It uses no eval or Function, so it runs under the app's CSP (worker-src 'self', no unsafe-eval).
import "elkjs/lib/elk-worker.min.js";

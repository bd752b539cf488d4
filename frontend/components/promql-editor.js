// A PromQL editor: CodeMirror 6 with @prometheus-io/codemirror-promql for highlighting, linting and completion.
// Completion never talks to Prometheus: metric names, labels and values come from the portal's server through
// $server calls, which run the same scoped, audited and masked service as queries.
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { autocompletion, closeBrackets, completionKeymap } from '@codemirror/autocomplete';
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching } from '@codemirror/language';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';

const CACHE_MS = 60_000;

/** Adapts the server's @ClientCallable methods to codemirror-promql's PrometheusClient interface, with a cache. */
class PortalClient {
  constructor(host) {
    this.host = host;
    this.cache = new Map();
  }

  cached(key, load) {
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) {
      return hit.value;
    }
    const value = load().then((json) => JSON.parse(json)).catch(() => []);
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  labelNames(metricName) {
    return this.cached(`labels:${metricName || ''}`, () => this.host.$server.labelNames(metricName || ''));
  }

  labelValues(labelName, metricName) {
    return this.cached(`values:${labelName}:${metricName || ''}`,
      () => this.host.$server.labelValues(labelName, metricName || ''));
  }

  metricMetadata() {
    return this.cached('metadata', () => this.host.$server.metadata()).then((m) => (Array.isArray(m) ? {} : m));
  }

  series(metricName) {
    return this.cached(`series:${metricName}`, () => this.host.$server.series(metricName))
      .then((list) => list.map((labels) => new Map(Object.entries(labels))));
  }

  metricNames() {
    return this.labelValues('__name__');
  }

  flags() {
    return Promise.resolve({});
  }
}

class PromqlEditor extends HTMLElement {
  constructor() {
    super();
    this._value = '';
  }

  get value() {
    return this.view ? this.view.state.doc.toString() : this._value;
  }

  set value(v) {
    this._value = v || '';
    if (this.view && this.view.state.doc.toString() !== this._value) {
      this.view.dispatch({
        changes: { from: 0, to: this.view.state.doc.length, insert: this._value },
        selection: { anchor: this._value.length },
      });
    }
  }

  connectedCallback() {
    if (this.view) {
      return;
    }
    // CodeMirror lives in a shadow root of its own, so nothing that manages the page's light DOM touches the DOM it
    // edits (text typed there ended up in the wrong place when it shared the light DOM with the framework).
    const root = this.attachShadow({ mode: 'open' });
    const mount = document.createElement('div');
    root.appendChild(mount);
    const promql = new PromQLExtension().setComplete({ remote: new PortalClient(this) });
    const run = () => {
      this.requestRun();
      return true;
    };
    this.view = new EditorView({
      parent: mount,
      root,
      state: EditorState.create({
        doc: this._value,
        extensions: [
          history(),
          closeBrackets(),
          bracketMatching(),
          autocompletion(),
          syntaxHighlighting(defaultHighlightStyle),
          placeholder(this.getAttribute('placeholder') || ''),
          keymap.of([{ key: 'Mod-Enter', run }, { key: 'Shift-Enter', run }, ...completionKeymap,
            ...defaultKeymap, ...historyKeymap]),
          promql.asExtension(),
          EditorView.lineWrapping,
          EditorView.theme({
            '&': { fontFamily: 'var(--lumo-font-family-monospace, monospace)' },
            '.cm-content': { padding: '6px 4px' },
            '&.cm-focused': { outline: 'none' },
          }),
          // The server gets the text when the query runs or the editor loses focus, not on every key.
          EditorView.domEventHandlers({ blur: () => { this.sync(); } }),
        ],
      }),
    });
  }

  /** Runs the query as Ctrl+Enter does, so the server gets the text with the request. */
  requestRun() {
    if (this.view) {
      this.sync();
    }
    this.dispatchEvent(new CustomEvent('run', { detail: { value: this.value } }));
  }

  sync() {
    this._value = this.view.state.doc.toString();
    this.dispatchEvent(new CustomEvent('value-changed', { detail: { value: this._value } }));
  }
}

customElements.define('promql-editor', PromqlEditor);

package browsertest

import (
	"encoding/json"
	"fmt"
)

// A test machine has no speech voices, so speechSynthesis is the one thing
// the browser tests stand in for: SpeechStub replaces it, in every page the tab
// loads, with a recorder that speaks nothing. window.__speech holds what
// the page asked it to say (text, lang, voice, rate), and finish() ends
// the utterance being "spoken", as a voice does when it is done.
// Cancelling fires "interrupted" on the current utterance, as Chrome does,
// and counts in sessionStorage, so a test can see a page cancel as it is
// left. The stub's configuration is a JSON object: voices (name, lang,
// localService), voicesLater (the list arrives with voiceschanged, as in
// Chrome) and absent (no speechSynthesis at all).
const speechStubScript = `(() => {
  const cfg = %s;
  if (cfg.absent) {
    Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});
    return;
  }
  const log = window.__speech = {spoken: [], current: null};
  const count = (k) => Number(sessionStorage.getItem(k) || 0);
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, {text: String(text || ""), lang: "", voice: null, rate: 1, pitch: 1, volume: 1, onstart: null, onend: null, onerror: null});
    }
  }
  const fire = (u, type, extra) => {
    const e = Object.assign(new Event(type), extra || {});
    if (typeof u["on" + type] === "function") u["on" + type](e);
    u.dispatchEvent(e);
  };
  let voices = cfg.voicesLater ? [] : cfg.voices;
  const queue = [];
  const synth = new EventTarget();
  const next = () => {
    const u = queue.shift() || null;
    log.current = u;
    synth.speaking = !!u;
    if (u) fire(u, "start");
  };
  Object.assign(synth, {
    speaking: false, pending: false, paused: false,
    getVoices: () => voices.slice(),
    speak(u) {
      log.spoken.push({text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : "", rate: u.rate});
      queue.push(u);
      if (!log.current) next();
    },
    cancel() {
      sessionStorage.setItem("speech-cancels", count("speech-cancels") + 1);
      const u = log.current;
      queue.length = 0;
      log.current = null;
      synth.speaking = false;
      if (u) fire(u, "error", {error: "interrupted"});
    },
    pause() { synth.paused = true; },
    resume() { synth.paused = false; },
  });
  log.finish = () => {
    const u = log.current;
    if (!u) return false;
    log.current = null;
    fire(u, "end");
    if (!log.current) next();
    return true;
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  window.SpeechSynthesisUtterance = Utterance;
  if (cfg.voicesLater) setTimeout(() => { voices = cfg.voices; synth.dispatchEvent(new Event("voiceschanged")); }, 150);
})();`

// SpeechVoice is a voice the stub offers.
type SpeechVoice struct {
	Name         string `json:"name"`
	Lang         string `json:"lang"`
	LocalService bool   `json:"localService"`
}

// SpeechConfig configures the stub.
type SpeechConfig struct {
	Voices      []SpeechVoice `json:"voices"`
	VoicesLater bool          `json:"voicesLater"`
	Absent      bool          `json:"absent"`
}

// SpeechStub is the script that installs the stub configured by cfg; add it
// to every document a tab loads (page.AddScriptToEvaluateOnNewDocument).
func SpeechStub(cfg SpeechConfig) string {
	b, err := json.Marshal(cfg)
	if err != nil {
		panic(err) // SpeechConfig always marshals
	}
	return fmt.Sprintf(speechStubScript, b)
}

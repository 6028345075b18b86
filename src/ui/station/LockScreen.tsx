import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { hashPin } from "../../store/index";
import type { SignedIn } from "./StationContext";
import { useStationText } from "./stationMessages";

const TRIES = 5;

/**
 * Covers the app when the device is locked. The right PIN unlocks it; after five wrong ones the keys are dropped
 * from memory and only the password can sign the officer in again.
 */
export function LockScreen({ officer, onUnlock, onGiveUp }: { officer: SignedIn; onUnlock(): void; onGiveUp(): void }) {
  const st = useStationText();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [pin, setPin] = useState("");
  const [left, setLeft] = useState(TRIES);
  const [wrong, setWrong] = useState(false);
  useEffect(() => input.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if ((await hashPin(pin, officer.pinSalt)) === officer.pinHash) return onUnlock();
    setPin("");
    setWrong(true);
    if (left <= 1) onGiveUp();
    else setLeft(left - 1);
  };

  return (
    <div className="station-lock" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
      <form className="settings-form station-lock-form" onSubmit={submit}>
        <h1 id={`${id}-title`}>{st("lock.title")}</h1>
        <p>{st("lock.intro", { name: officer.name })}</p>
        <label htmlFor={`${id}-pin`}>{st("lock.pin")}</label>
        <input
          ref={input}
          id={`${id}-pin`}
          className="answer-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />
        {wrong ? (
          <p className="problem" role="alert">
            {st("lock.wrong", { left })}
          </p>
        ) : null}
        <button type="submit" className="button button-primary">
          {st("lock.submit")}
        </button>
        <button type="button" className="button" onClick={onGiveUp}>
          {st("lock.signInAgain")}
        </button>
      </form>
    </div>
  );
}

/** Calls `onIdle` after `minutes` without a touch, a click or a key, while `active`. */
export function useIdleTimer(minutes: number, active: boolean, onIdle: () => void): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => callback.current(), minutes * 60_000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), minutes * 60_000);
    };
    const events = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
    for (const e of events) window.addEventListener(e, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset);
    };
  }, [minutes, active]);
}

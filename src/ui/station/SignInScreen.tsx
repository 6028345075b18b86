import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useClock } from "../shared/ClockProvider";
import { ProblemAlert, type ShownProblem } from "../shared/ProblemAlert";
import { readAccount } from "./accountStorage";
import type { SignedIn } from "./StationContext";
import { type SignInFailure, signIn } from "./signIn";
import { SIGN_IN_FAILED, useStationText } from "./stationMessages";

/** The station's sign-in: user name and password (online, or offline for the officer remembered here) and a PIN. */
export function SignInScreen({ base, onSignedIn }: { base: string; onSignedIn(officer: SignedIn): void }) {
  const st = useStationText();
  const clock = useClock();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [name, setName] = useState(() => readAccount()?.name ?? "");
  const [password, setPassword] = useState("");
  const [pin, setPin] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem>();
  useEffect(() => heading.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) {
      setProblem({ text: st("signIn.pinBad") });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await signIn(base, name.trim(), password, pin, clock.now());
      if ("problem" in result) {
        setProblem(describe(result));
        return;
      }
      setPassword("");
      onSignedIn(result);
    } finally {
      setBusy(false);
    }
  };

  function describe(failure: SignInFailure): ShownProblem {
    if (failure.problem === "failed") return { text: st(SIGN_IN_FAILED[failure.code]), detail: failure.detail };
    if (failure.problem === "offline-other") return { text: st("signIn.offlineOther", { name: failure.name }) };
    return { text: st(failure.problem === "wrong" ? "signIn.wrong" : "signIn.offlineFirst") };
  }

  return (
    <main id="main" className="app-main station-sign-in">
      <h1 ref={heading} tabIndex={-1}>
        {st("signIn.title")}
      </h1>
      <p>{st("signIn.intro")}</p>
      <form className="settings-form" onSubmit={submit}>
        <label htmlFor={`${id}-name`}>{st("signIn.name")}</label>
        <input
          id={`${id}-name`}
          className="answer-input"
          autoComplete="username"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor={`${id}-password`}>{st("signIn.password")}</label>
        <input
          id={`${id}-password`}
          className="answer-input"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <label htmlFor={`${id}-pin`}>{st("signIn.pin")}</label>
        <input
          id={`${id}-pin`}
          className="answer-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          aria-describedby={`${id}-pin-hint`}
          required
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />
        <p id={`${id}-pin-hint`} className="hint">
          {st("signIn.pinHint")}
        </p>
        {problem ? <ProblemAlert problem={problem} /> : null}
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {busy ? st("signIn.busy") : st("signIn.submit")}
        </button>
      </form>
    </main>
  );
}

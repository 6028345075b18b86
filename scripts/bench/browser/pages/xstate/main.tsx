// A minimal React + raw XState page for the browser benchmark (not part of the app build): the questionnaire
// machine run by @xstate/react, one question at a time, the next question's heading focused as Senda's screen does.

import { xstateConfig } from "virtual:bench-model";
import { useMachine } from "@xstate/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { createQuestionnaireMachine } from "../../../questionnaire/rawXState";
import "./page.css";

const machine = createQuestionnaireMachine(xstateConfig);

function Questionnaire() {
  const [snapshot, send] = useMachine(machine);
  const [value, setValue] = useState<boolean>();
  const heading = useRef<HTMLHeadingElement>(null);
  const question = String(snapshot.value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to each new question.
  useEffect(() => heading.current?.focus(), [question]);
  if (snapshot.status === "done") return <h2 className="q-title">Outcome: {question}</h2>;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value === undefined) return;
    send({ type: "ANSWER", value });
    setValue(undefined);
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2 className="q-title" ref={heading} tabIndex={-1}>
        Question {Number(question.slice(1)) + 1}
      </h2>
      <p>Is statement {Number(question.slice(1)) + 1} true?</p>
      <label>
        <input type="radio" name="answer" checked={value === true} onChange={() => setValue(true)} /> Yes
      </label>
      <label>
        <input type="radio" name="answer" checked={value === false} onChange={() => setValue(false)} /> No
      </label>
      <button type="submit">Continue</button>
    </form>
  );
}

createRoot(document.getElementById("root")!).render(<Questionnaire />);

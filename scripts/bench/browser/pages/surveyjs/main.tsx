// A minimal React + SurveyJS page for the browser benchmark (not part of the app build): the questionnaire model,
// rendered by survey-react-ui with SurveyJS's default theme.
import { surveyJson } from "virtual:bench-model";
import { createRoot } from "react-dom/client";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import "survey-core/survey-core.fontless.min.css";

const model = new Model(surveyJson);
createRoot(document.getElementById("root")!).render(<Survey model={model} />);

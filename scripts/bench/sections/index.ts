// Every section of `npm run bench`, registered by importing it. Another issue adds its figures with a module that
// calls `registerBenchSection` and one import line here.
import "./questionnaireSection";
import "./sendaSection";
import "./storeSection";
import "./analysisSection";
import "./surgeSection";
import "./browserSection";
import "./stationBenchSection";

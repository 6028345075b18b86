/**
 * The Senda engine: load → validate → lint → compile → run / replay → analyse → simulate.
 * Pure TypeScript: no React, no DOM, no storage and no clock of its own. This file is its only door.
 */

// Analysis
export { AnswerSpaces } from "./analysis/answers/AnswerSpaces";
export { describeActions, describeClass } from "./analysis/answers/describeAnswer";
export type { AnswerClass, AnswerSpace, AnswerText } from "./analysis/answers/types";
export { type AnalysisBenchRow, benchAnalysis, generateBenchSop } from "./analysis/benchAnalysis";
export { checkSop } from "./analysis/checks/checkSop";
export { counterexampleScenario } from "./analysis/checks/counterexampleScenario";
export { describeExpectation } from "./analysis/checks/describeExpectation";
export type {
  AnalysisControl,
  AnalysisProgress,
  CheckOptions,
  CheckReport,
  CheckStats,
  Counterexample,
  InvariantVerdict,
  StructuralIssue,
} from "./analysis/checks/types";
export { coverScenarios } from "./analysis/coverage/coverScenarios";
export type { Coverage, Missed, ScenarioCoverage } from "./analysis/coverage/types";
export { diffSops } from "./analysis/diff/diffSops";
export type { DiffEntry, DiffOptions, ResultSummary, SopDiff } from "./analysis/diff/types";
export { answerSpacesOf, modelSop } from "./analysis/exploration/analyseSop";
export { enumeratePaths } from "./analysis/exploration/enumeratePaths";
export { pathSignature, readCase } from "./analysis/exploration/readCase";
export type {
  CaseResults,
  Model,
  PathDeadline,
  PathList,
  PathReferral,
  PathViolation,
  SopPath,
} from "./analysis/exploration/types";
export { ANALYSIS_OFFICER, type Replayed, replayActions } from "./analysis/replayActions";
// Cases
export {
  type CaseNote,
  CaseSession,
  type OpenCaseOptions,
  openCase,
  type ReplayResult,
  replayCase,
  type SendResult,
} from "./case/CaseSession";
export { checkAnswer, type Refusal, type RefusalCode } from "./case/validateInput";
export {
  type AnswerView,
  type CaseView,
  type DeadlineView,
  type FlagView,
  pickText,
  type StepView,
  viewCase,
} from "./case/viewCase";
export { ACTION_NAMES, checkMachineConfig, GUARD_NAMES } from "./compile/buildConfig";
export type { CompiledScope, CompiledSop, CompiledStep, MachineConfigJson } from "./compile/CompiledSop";
export type { DeadlineRecord, InvariantViolation, ReferralRecord, TraceEntry } from "./compile/caseContext";
// Compilation
export { compileSop } from "./compile/compileSop";
export { hashJson } from "./compile/hashBundle";
export { buildLibrary } from "./definition/buildLibrary";
export { didYouMean } from "./definition/didYouMean";
export { lintSop, REQUIRED_LOCALES } from "./definition/lintSop";
export {
  emptyCatalog,
  type LoadResult,
  loadCatalog,
  loadScenario,
  loadSop,
  mergeCatalogs,
} from "./definition/loadDocument";
export { classifyPath, type LoadedLibrary, loadLibrary, type SourceFile } from "./definition/loadLibrary";
export { parseJson } from "./definition/parseJson";
export { describePlace } from "./definition/schemaIssues";
export { collectRegions, nextEdges } from "./definition/stepGraph";
// Definitions: types, loading, validation and lint
export type {
  Answer,
  AnswerValue,
  CaseEvent,
  CaseOpened,
  Catalog,
  CatalogIndex,
  Effect,
  Expectation,
  Flag,
  Invariant,
  Role,
  Scenario,
  ScenarioAction,
  ScenarioExpect,
  Service,
  Site,
  SopDefinition,
  SopLibrary,
  Step,
  StepKind,
  Text,
} from "./definition/types";
// Errors and issues
export { hasErrors, type Issue, type IssueCode, SendaError, type SendaErrorCode, type Severity } from "./errors";
// Expressions
export { type Activation, type ExpressionCheck, ExpressionScope } from "./expression/ExpressionScope";
export { declaredVariables, type VariableDeclaration } from "./expression/variables";
// Simulation
export {
  actionToEvent,
  type PlayedActions,
  type PlayOptions,
  playActions,
  runScenario,
  SCENARIO_EPOCH,
  type ScenarioResult,
} from "./simulation/runScenario";

/**
 * The Senda engine: load → validate → lint → compile → run / replay → analyse → simulate.
 * Pure TypeScript: no React, no DOM, no storage and no clock of its own. This file is its only door.
 */

// Analysis
export { AnswerSpaces } from "./analysis/answers/AnswerSpaces";
export { describeActions, describeClass } from "./analysis/answers/describeAnswer";
export type { AnswerClass, AnswerSpace, AnswerText } from "./analysis/answers/types";
export {
  type AnalysisBenchRow,
  benchAnalysis,
  formatAnalysisBench,
  moveChildThreshold,
} from "./analysis/benchAnalysis";
export { CallSiteCache } from "./analysis/checks/CallSiteCache";
export { checkSop } from "./analysis/checks/checkSop";
export { counterexampleScenario } from "./analysis/checks/counterexampleScenario";
export { describeExpectation } from "./analysis/checks/describeExpectation";
export { settleLibraryUse } from "./analysis/checks/settleLibraryUse";
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
export { ANALYSIS_OFFICER, playGuided, replay } from "./analysis/exploration/playCase";
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
// Cases
export { buildSlip, type HouseholdMember, type SlipAnswer, type SlipView } from "./case/buildSlip";
export {
  type CaseNote,
  type CaseRelationship,
  CaseSession,
  type OpenCaseOptions,
  openCase,
  type ReplayResult,
  replayCase,
  type SendResult,
} from "./case/CaseSession";
export {
  type CaseSnapshot,
  restoreContext,
  SERIALISED_FIELDS,
  type SerialisedContext,
  SNAPSHOT_VERSION,
  serialiseContext,
} from "./case/caseSnapshot";
export { describeTrace } from "./case/describeTrace";
export { PARK_SNAPSHOT_FROM, ParkedCase } from "./case/parkedCase";
export { PUBLIC_SURFACE, redactView } from "./case/redactView";
export { type CaseInput, checkAnswer, type Refusal, type RefusalCode } from "./case/validateInput";
export {
  type AnswerView,
  type CaseView,
  type DeadlineView,
  type FlagView,
  type FollowUpView,
  type InstructionView,
  type NoteView,
  pickText,
  type ReferralView,
  type StepView,
  viewCase,
} from "./case/viewCase";
export { ACTION_NAMES, checkMachineConfig, GUARD_NAMES } from "./compile/buildConfig";
export type { CompiledScope, CompiledSop, CompiledStep, MachineConfigJson } from "./compile/CompiledSop";
export type {
  AnswerUpdate,
  DeadlineRecord,
  FollowUpRecord,
  InvariantViolation,
  ReferralDelivery,
  ReferralReason,
  ReferralRecord,
  ReferralStatus,
  ReferralSupersession,
  TraceEntry,
} from "./compile/caseContext";
// Compilation
export { compileSop } from "./compile/compileSop";
export { hashJson } from "./compile/hashBundle";
export { canSee, isAbove, LEVELS, maxLevel } from "./compile/levels";
export { prepareExpressions } from "./compile/prepareExpressions";
export { addDuration, durationMs } from "./compile/within";
export { buildLibrary } from "./definition/buildLibrary";
export { didYouMean } from "./definition/didYouMean";
export { formatJson } from "./definition/formatJson";
export {
  describeSubject,
  formatIssue,
  formatIssueCount,
  ISSUE_MESSAGES,
  issue,
  LOCALES,
  type Locale,
} from "./definition/issueMessages";
export type { IssueParamsOf, JsonKind, Subject } from "./definition/issueParams";
export { issuesAbout } from "./definition/issuesAbout";
export { listUnreviewedTranslations, type UnreviewedLanguage } from "./definition/lint/lintTranslations";
export { genderedFormIn, lintCatalogFile, placeholderIn } from "./definition/lintProtection";
export { lintSop, REQUIRED_LOCALES } from "./definition/lintSop";
export {
  emptyCatalog,
  type LoadResult,
  loadCatalog,
  loadScenario,
  loadSop,
  mergeCatalogs,
  type SchemaReferences,
} from "./definition/loadDocument";
export {
  classifyPath,
  type LoadedLibrary,
  type LoadOptions,
  loadLibrary,
  type SourceFile,
} from "./definition/loadLibrary";
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
  DocumentKind,
  Effect,
  Expectation,
  Flag,
  Forbid,
  Invariant,
  Level,
  QuestionStep,
  Role,
  Scenario,
  ScenarioAction,
  ScenarioExpect,
  Service,
  Site,
  SopDefinition,
  SopLibrary,
  Step,
  StepAction,
  StepKind,
  Text,
  Urgency,
} from "./definition/types";
// Errors and issues
export {
  hasErrors,
  ISSUE_CODES,
  type Issue,
  type IssueCode,
  type IssueParams,
  SendaError,
  type SendaErrorCode,
  type Severity,
} from "./errors";
// Expressions
export { type Activation, type ExpressionCheck, ExpressionScope } from "./expression/ExpressionScope";
export { declaredVariables, type VariableDeclaration } from "./expression/variables";
// Simulation
export { runScenario, type ScenarioResult } from "./simulation/runScenario";
export {
  actionToEvent,
  type Playback,
  type PlaybackRefusal,
  type PlayedActions,
  type PlayOptions,
  playActions,
  SCENARIO_EPOCH,
  startPlayback,
} from "./simulation/startPlayback";
export { benchSurge, formatSurgeBench, type SurgeBenchRow } from "./simulation/surge/benchSurge";
// Surge simulation
export { DERIVED_ANSWERS } from "./simulation/surge/contingencyAnswers";
export { type LoadedSurgePlan, loadSurgePlan, type SurgePlan } from "./simulation/surge/loadSurgePlan";
export { type DailyCounts, parseDailyCounts } from "./simulation/surge/parseDailyCounts";
export {
  ALERT_LEVELS,
  type AlertDecision,
  type AlertLevel,
  type ContingencyAnswer,
  listQuestions,
} from "./simulation/surge/playContingency";
export {
  type PersonaSummary,
  type PreparedSurge,
  prepareSurge,
  type SurgeLibrary,
} from "./simulation/surge/prepareSurge";
export { createRandom, type Random } from "./simulation/surge/Random";
export { type QueueOptions, type QueueResult, simulateQueue } from "./simulation/surge/simulateQueue";
export { type SurgeDay, type SurgeResult, simulateSurge } from "./simulation/surge/simulateSurge";
export type { WaitSummary } from "./simulation/surge/types";

import { registerBenchSection } from "../harness/registry";
import { stationSection } from "../station/stationSection";

registerBenchSection(stationSection as Parameters<typeof registerBenchSection>[0]);

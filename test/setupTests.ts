import { configure } from "@testing-library/react";

// CI machines are shared and slow: waiting for an element is not a timing assertion, so wait long enough.
configure({ asyncUtilTimeout: 10_000 });

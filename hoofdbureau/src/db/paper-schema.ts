// The paper-count tables (issue 12): telbureaus, the stations they count, and the typed-in
// tables with their two entries. Part of schema 3 (db/schema.ts), also added to a schema-2 database.
export const PAPER_SCHEMA = ``;

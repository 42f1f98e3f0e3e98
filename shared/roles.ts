/**
 * Who works in the staff pages. One list, read by the API (tokens, accounts, the route
 * table) and by the web front (its session and the pages each role may open).
 * - admin: runs the system for the whole district; may act for any agency.
 * - clerk: an agency's one-stop counter clerk; confirms payments, issues receipts.
 * - volunteer: a youth volunteer at the counter; creates orders on a citizen's behalf.
 * - leader: reads the district's figures; handles no money.
 */
export const STAFF_ROLES = ['admin', 'clerk', 'volunteer', 'leader'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

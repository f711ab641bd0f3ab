/**
 * Rendering: a run folder's REPORT.md and charts, the results index, and the comparison of two
 * runs, from the files alone. It imports {@link gdbench.runfolder} and core's value types, and no
 * registry, trainer or engine, so a report renders the same on any machine, even one without the
 * native libraries.
 */
package gdbench.report;

/**
 * Measuring outside JMH: the convergence trajectories of every cell and the tutorial's own Python
 * loops, written into a run folder through {@link gdbench.runfolder}. It opens trainers and starts
 * Python, which is why it is kept apart from the report; it imports core and runfolder, never report.
 */
package gdbench.measure;

/**
 * The run folder, {@code results/<machine>/<run>/}, as one model: typed records of its files, the
 * one reader and writer ({@link gdbench.runfolder.RunFolderFiles}), the benchmark kinds and cell ids
 * the files speak of. The runner, the measuring commands and the report all go through it, so the
 * format is written down once. It imports core's value types only: no registry, trainer or engine.
 */
package gdbench.runfolder;

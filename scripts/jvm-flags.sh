# Sourced by scripts/gdbench and scripts/bench: the options every gdbench JVM needs, the same list
# as gdbench.core.JvmFlags. Expects $java; sets the array jvm_flags.
jvm_flags=(--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true)
# JDK 24 and newer announce JavaCPP's (ND4J's) use of sun.misc.Unsafe on stderr; the option that
# allows it quietly does not exist before JDK 23. The JDK's release file gives its version.
java_release="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")/release"
java_feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_release" 2>/dev/null)"
if [[ "${java_feature:-0}" =~ ^[0-9]+$ ]] && (( java_feature >= 24 )); then
  jvm_flags+=(--sun-misc-unsafe-memory-access=allow)
fi

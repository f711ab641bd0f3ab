# Sourced by scripts/gdbench and scripts/bench after the build: sets the array jvm_flags to the options
# every gdbench JVM needs, as a java argument file (@FILE) that gdbench.core.JvmFlags writes from the
# backends' declarations. They differ by JDK version: the build writes the file for Maven's JDK, and
# this writes it once for another. Expects $java and $root.
java_release="$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")/release"
java_feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_release" 2>/dev/null)"
[[ "$java_feature" =~ ^[0-9]+$ ]] || java_feature="$("$java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')"
flags_file="$root/target/jvm-flags-$java_feature.args"
if [[ ! -f "$flags_file" || "$root/target/classpath.txt" -nt "$flags_file" ]]; then
  "$java" -cp "$root/target/classes:$(cat "$root/target/classpath.txt")" gdbench.core.JvmFlags "$root/target" \
    && [[ -f "$flags_file" ]] || { echo "error: cannot write $flags_file (rebuild with mvn package)" >&2; exit 2; }
fi
jvm_flags=("@$flags_file")

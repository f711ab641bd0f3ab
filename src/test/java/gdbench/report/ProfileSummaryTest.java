package gdbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gdbench.report.ProfileSummary.Category;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The categories of the profile page, on stacks as async-profiler writes them. */
class ProfileSummaryTest {
  private static final String BENCH = "java/lang/Thread.run;gdbench/bench/jmh_generated/StepThroughput_step_jmhTest.step_thrpt_jmhStub";

  private static Category of(String stack) {
    return ProfileSummary.classify(List.of(stack.split(";")));
  }

  @Test
  void stacksFallInTheFirstMatchingCategory() {
    assertEquals(Category.JIT, of("thread_native_entry;Thread::call_run;JavaThread::thread_main_inner;CompileBroker::compiler_thread_loop;PhaseLive::compute"));
    assertEquals(Category.GC, of("thread_native_entry;Thread::call_run;WorkerThread::run;G1ParScanThreadState::trim_queue_to_threshold"));
    assertEquals(Category.GC, of(BENCH + ";gdbench.djl.DjlTrainer.step;OptoRuntime::new_array_C;CollectedHeap::obj_allocate"));
    assertEquals(Category.ALLOCATION, of(BENCH + ";ai.djl.pytorch.jni.PyTorchLibrary.torchSub;Java_ai_djl_pytorch_jni_PyTorchLibrary_torchSub;"
        + "at::_ops::sub_Tensor::call;c10::alloc_cpu;posix_memalign;_int_malloc"));
    assertEquals(Category.ALLOCATION, of(BENCH + ";gdbench.nd4j.Nd4jManualIdiomaticTrainer.step;asm_exc_page_fault_[k];clear_page_erms_[k]"));
    assertEquals(Category.COMPUTE, of(BENCH + ";Java_ai_djl_pytorch_jni_PyTorchLibrary_torchMul;at::native::(anonymous namespace)::mul_kernel;"
        + "void c10::function_ref<void (char**, long const*, long, long)>::callback_fn<at::native::AVX2::VectorizedLoop2d<x> >"));
    assertEquals(Category.COMPUTE, of(BENCH + ";gdbench/plain/PlainManualTrainer.step"));
    assertEquals(Category.COMPUTE, of(BENCH + ";gdbench/plainsimd/PlainSimdManualTrainer.step;jdk/incubator/vector/FloatVector.lanewiseTemplate"));
    assertEquals(Category.COMPUTE, of(BENCH + ";gdbench/nd4j/Nd4jManualTunedTrainer.step;Java_org_nd4j_x;"
        + "/root/.javacpp/cache/openblas-0.3.19-1.5.7-linux-x86_64.jar/org/bytedeco/openblas/linux-x86_64/libopenblas_nolapack.so.0"));
    assertEquals(Category.JAVA_LAYER, of(BENCH + ";gdbench/ejml/EjmlManualTunedTrainer.step;org/ejml/dense/row/CommonOps_FDRM.mult"));
    assertEquals(Category.COMPUTE, of(BENCH + ";gdbench/ejml/EjmlManualIdiomaticTrainer.step;org/ejml/simple/SimpleBase.elementPower;libmPow"));
    assertEquals(Category.AUTOGRAD, of(BENCH + ";Java_x;torch::autograd::Engine::execute;torch::autograd::GraphTask::GraphTask"));
    assertEquals(Category.JNI, of(BENCH + ";ai.djl.pytorch.jni.PyTorchLibrary.torchSize;jni_GetLongArrayElements"));
    assertEquals(Category.JAVA_LAYER, of(BENCH + ";gdbench/djl/DjlTrainer.step;ai/djl/ndarray/BaseNDManager.attachInternal"));
    assertEquals(Category.NATIVE_FRAMEWORK, of(BENCH + ";Java_x;at::TensorIteratorBase::build;at::TensorIteratorBase::compute_shape"));
    assertEquals(Category.OTHER, of(BENCH + ";gdbench/plain/PlainManualTrainer.step;pvm_irq_enable_[k]"));
  }

  @Test
  void leafFramesAreShortenedKeepingTheKernelName() {
    assertEquals("c10::function_ref::callback_fn [add_kernel]", ProfileSummary.shorten("void c10::function_ref<void (char**, long const*, long, long)>"
        + "::callback_fn<at::native::AVX2::VectorizedLoop2d<at::native::(anonymous namespace)::add_kernel(at::TensorIteratorBase&)::{lambda()#1}> >"));
    assertEquals("gdbench.plain.PlainManualTrainer.step", ProfileSummary.shorten("gdbench/plain/PlainManualTrainer.step"));
    assertEquals("libopenblas_nolapack.so.0", ProfileSummary.shorten("/root/.javacpp/cache/x.jar/org/libopenblas_nolapack.so.0"));
    assertEquals("std::_Function_handler::_M_invoke [Eigen::TensorExecutor]",
        ProfileSummary.shorten("std::_Function_handler<void (long, long), Eigen::TensorExecutor<Eigen::TensorAssignOp<x> > >::_M_invoke"));
  }
}

# Which CPU the Lambda `bootstrap`s are built for: x86_64 (the default) or arm64 (Graviton), the two values of the
# template's Architecture parameter. SAM's makefile builder hands make only ARTIFACTS_DIR, not the function's
# architecture, so the build reads it from LAMBDA_ARCHITECTURE (environment or make variable), set to the same value:
#   LAMBDA_ARCHITECTURE=arm64 sam build --parameter-overrides Architecture=arm64
#
# arm64 is cross-compiled on an x86_64 machine: the ILCompiler's linux-arm64 package (restored by NuGet for the RID)
# emits arm64 objects, and Debian's cross toolchain links them against its arm64 glibc (gcc-aarch64-linux-gnu,
# binutils-aarch64-linux-gnu, libc6-dev-arm64-cross; .ci/install-prerequisites installs them). The ILCompiler passes
# clang's --target to the linker, which gcc rejects: GccCrossLink.targets takes it out.

LAMBDA_ARCHITECTURE ?= x86_64
AARCH64_TOOLCHAIN_PREFIX ?= aarch64-linux-gnu-

ifeq ($(LAMBDA_ARCHITECTURE),x86_64)
LAMBDA_RUNTIME_ID := linux-x64
LAMBDA_CROSS_FLAGS :=
else ifeq ($(LAMBDA_ARCHITECTURE),arm64)
LAMBDA_RUNTIME_ID := linux-arm64
LAMBDA_CROSS_FLAGS := -p:CppCompilerAndLinker=$(AARCH64_TOOLCHAIN_PREFIX)gcc -p:ObjCopyName=$(AARCH64_TOOLCHAIN_PREFIX)objcopy \
	-p:CustomAfterMicrosoftCommonTargets=$(abspath $(dir $(lastword $(MAKEFILE_LIST)))GccCrossLink.targets)
else
$(error LAMBDA_ARCHITECTURE must be x86_64 or arm64 (the template's Architecture parameter), not '$(LAMBDA_ARCHITECTURE)')
endif

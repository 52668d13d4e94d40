# Builds the Lambda packages. `sam build` runs `make build-<LogicalId>` with ARTIFACTS_DIR set.
#
# Why the Makefile sits at the repository root (template.yaml: CodeUri: ., Metadata.BuildMethod: makefile):
# each function is a .NET project that references ../Scanner.Lambda, ../Scanner.Aws and ../Scanner.Core, and
# SAM's makefile builder copies the CodeUri folder to a scratch folder before running make (and older SAM
# versions run the scratch copy of the Makefile). With CodeUri at a function's own folder, the scratch copy
# would hold that folder alone and the project references would not resolve. With CodeUri at the root, the
# copy (or the original, which newer SAM versions point make at) holds the whole solution. Only what a target
# puts in ARTIFACTS_DIR is packaged: the `bootstrap` executable.
#
# The targets live beside their projects (functions/*/Makefile) and are included here; run one by hand with
#   make build-DispatcherFunction ARTIFACTS_DIR=/tmp/dispatcher
#   make build-AccountScannerFunction ARTIFACTS_DIR=/tmp/scanner LAMBDA_BUILD_DIR=/tmp/scanner-build
# LAMBDA_BUILD_DIR holds intermediate output (dotnet --artifacts-path), by default artifacts/lambda here; each
# function gets its own subfolder so that parallel builds (samconfig.toml: parallel = true) never share obj/.

REPOSITORY_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))

include $(REPOSITORY_ROOT)/functions/Dispatcher/Makefile
include $(REPOSITORY_ROOT)/functions/AccountScanner/Makefile

.PHONY: build-all clean-lambda
build-all: build-DispatcherFunction build-AccountScannerFunction

clean-lambda:
	rm -rf "$(LAMBDA_BUILD_DIR)"

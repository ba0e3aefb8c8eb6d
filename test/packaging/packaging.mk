# Debian packages (debian/): included by the top Makefile.
#   make deb               build/deb/{libaigov0,libaigov-dev,aigov}_<v>_<arch>.deb, then lintian on them
#   make test-packaging    make deb, install the three into a throwaway dpkg root,
#                          smoke-test them, purge them (test/packaging/check_packages.sh)
#
# The package is built from a copy of the tree under build/deb/src (so
# dpkg-buildpackage's clean and its output in the parent directory stay inside
# build/); the caller's make variables (make test passes WERROR=1, perhaps
# BUILD=...) do not leak into the package build. Needs debhelper, dpkg-dev, fakeroot, lintian (scripts/setup-deps.sh test).
DEB_DIR     := $(BUILD)/deb
DEB_SRC     := $(DEB_DIR)/src/libaigov-$(VERSION)
DEB_ARCH    := $(shell dpkg --print-architecture 2>/dev/null)
DEB_FILES    = $(foreach p,libaigov0 libaigov-dev aigov,$(DEB_DIR)/$(p)_$(VERSION)_$(DEB_ARCH).deb)
DEB_TREE    := Makefile LICENSE NOTICE README.md CHANGELOG.md debian include lib rules scripts \
               examples/cli examples/embed examples/descriptors examples/portfolio

.PHONY: deb test-packaging

deb:
	@command -v dpkg-buildpackage > /dev/null && command -v dh > /dev/null && command -v lintian > /dev/null || \
	    { echo "deb: needs dpkg-dev, debhelper, fakeroot and lintian (sh scripts/setup-deps.sh test)" >&2; exit 1; }
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_SRC)
	tar -cf - $(DEB_TREE) | tar -C $(DEB_SRC) -xf -
	cd $(DEB_SRC) && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    dpkg-buildpackage -b -us -uc -rfakeroot > ../../build.log 2>&1 || \
	    { tail -n 40 $(abspath $(DEB_DIR))/build.log; exit 1; }
	mv $(DEB_DIR)/src/*.deb $(DEB_DIR)/src/*.changes $(DEB_DIR)/src/*.buildinfo $(DEB_DIR)/
	lintian --fail-on error,warning \
	    $(DEB_DIR)/libaigov_$(VERSION)_$(DEB_ARCH).changes
	@ls $(DEB_FILES)

test-packaging: deb
	@sh test/packaging/check_packages.sh "$(CC)" $(DEB_FILES)

TEST_TARGETS += test-packaging

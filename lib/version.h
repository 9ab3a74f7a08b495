/* The version every tool reports with --version. */
#ifndef HFSNAP_VERSION
#define HFSNAP_VERSION "0.1.0"
#endif

// libpq links libldap, which links GnuTLS, and GnuTLS initialises itself when it is loaded: its crypto
// back-ends, its configuration and p11-kit's modules, about 1.8 MiB over a pool of 8 workers (each inherits
// what the master made). Nothing in the pool uses GnuTLS: libpq's TLS is OpenSSL's, the relay's libcurl too,
// and libldap, were it ever used with TLS, calls gnutls_global_init() itself. GnuTLS leaves this weak hook
// to the program (lib/global.c): defined here and exported (fcgi/CMakeLists.txt), it skips that start-up.
extern "C" __attribute__((used, visibility("default"))) int _gnutls_global_init_skip() {
  return 1;
}

/* nolink: an LD_PRELOAD library for tests/run-cli.sh that makes every file system look
 * like one without hard links (linkat fails with EPERM, as on FAT or some FUSE file
 * systems) and without renameat2's RENAME_EXCHANGE (EINVAL, as on older NFS). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <unistd.h>

int
linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	(void)olddirfd, (void)oldpath, (void)newdirfd, (void)newpath, (void)flags;
	errno = EPERM;
	return -1;
}

int
link(const char *oldpath, const char *newpath)
{
	(void)oldpath, (void)newpath;
	errno = EPERM;
	return -1;
}

long
syscall(long number, ...)
{
	static long (*next)(long, ...);
	va_list ap;
	long a[6];
	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (number == SYS_renameat2) {
		errno = EINVAL;
		return -1;
	}
	if (next == NULL)
		*(void **)&next = dlsym(RTLD_NEXT, "syscall");
	return next(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* cmd_init: `mkreport init DIR`: writes the starter report (embedded) into a new folder. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/cmd_int.h"
#include "cmd/starter.h"
#include "util/buf.h"
#include "util/path.h"

/* Returns 1 if the folder dir holds no entry but "." and "..", 0 if it holds some,
 * -1 if it cannot be read (errno set). */
static int
dir_empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return -1;
	struct dirent *e;
	int empty = 1;
	while (empty && (e = readdir(d)) != NULL)
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	return empty;
}

/* Creates the folder path and its missing parents (mode 0777 less the umask). Returns
 * 0, or -1 with errno set. */
static int
make_dirs(const char *path)
{
	char *p = util_xstrdup(path);
	int rc = 0;
	for (char *s = p + 1; rc == 0 && *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

/* Writes len bytes of data into the new file path (refusing one that exists). Returns 0,
 * or -1 with errno set. */
static int
write_new(const char *path, const unsigned char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		done += (size_t)n;
	}
	return close(fd);
}

/* Writes starter file f under dir, creating its folders. Returns 0, or -1 after
 * printing why. */
static int
write_starter(const char *dir, const starter_file *f)
{
	char *path = path_join(dir, f->path);
	char *slash = strrchr(path, '/');
	int rc = 0;
	if (slash != NULL) {
		*slash = '\0';
		rc = make_dirs(path);
		*slash = '/';
	}
	if (rc == 0)
		rc = write_new(path, f->data, f->len);
	if (rc != 0)
		fprintf(stderr, "mkreport init: %s: %s\n", path, strerror(errno));
	free(path);
	return rc;
}

/* Checks that dir is absent or an empty folder, creating it (and its missing parents)
 * if absent. Returns CMD_OK, CMD_ERRORS (it exists and is not an empty folder) or
 * CMD_WRITE (it cannot be created or read), after printing why. */
static int
prepare_dir(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0) {
		if (errno == ENOENT && make_dirs(dir) == 0)
			return CMD_OK;
		fprintf(stderr, "mkreport init: %s: %s\n", dir, strerror(errno));
		return CMD_WRITE;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "mkreport init: %s exists and is not a folder\n", dir);
		return CMD_ERRORS;
	}
	int empty = dir_empty(dir);
	if (empty < 0) {
		fprintf(stderr, "mkreport init: %s: %s\n", dir, strerror(errno));
		return CMD_WRITE;
	}
	if (!empty) {
		fprintf(stderr, "mkreport init: %s exists and is not empty; nothing written "
		    "(name a new folder or an empty one)\n", dir);
		return CMD_ERRORS;
	}
	return CMD_OK;
}

/* Prints the files written and the next steps. */
static void
say_done(const char *dir)
{
	printf("Wrote a new report in %s:\n", dir);
	for (size_t i = 0; i < starter_nfiles; i++)
		printf("  %s\n", starter_files[i].path);
	printf("Next:\n"
	    "  mkreport check -C %s           validate it (every error as file:line:col)\n"
	    "  mkreport build -C %s -o site   write the site into site/\n"
	    "then open site/index.html, and read %s/pages/method.md: it shows the syntax.\n",
	    dir, dir, dir);
}

int
cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'h') {
			cmd_usage(stdout);
			return CMD_OK;
		}
		return cmd_usage_error("init", "bad option");
	}
	if (optind != argc - 1 || argv[optind][0] == '\0')
		return cmd_usage_error("init", "name the new report's folder: mkreport init DIR");
	const char *dir = argv[optind];
	int rc = prepare_dir(dir);
	for (size_t i = 0; rc == CMD_OK && i < starter_nfiles; i++)
		if (write_starter(dir, &starter_files[i]) != 0)
			rc = CMD_WRITE;
	if (rc == CMD_OK)
		say_done(dir);
	return rc;
}

/* Shows why scripts/fuzz checks the pipeline target's leaks only at exit, after FuzzExit has ended every other
 * thread: LeakSanitizer (compiler-rt 21) finds a live thread's stack and TLS by its kernel thread ID in a registry
 * that keeps every joinable thread that has ended, and once the kernel reuses thread IDs (after pid_max of them),
 * a live thread may be matched with an ended one and not scanned at all.
 *
 *   clang -g -fsanitize=address -o /tmp/tid-reuse scripts/sanitizers/tid-reuse.c
 *   /tmp/tid-reuse 1000 joinable; /tmp/tid-reuse 40000 joinable; /tmp/tid-reuse 40000 detached
 *
 * On a host with pid_max 32,768: "clean", "REPORTED" (4 x 2,032 bytes, all still reachable), "clean".
 * First it starts and ends N short threads, then four threads that each keep a block only in a __thread variable,
 * and runs a leak check while those four are alive. */
#include <pthread.h>
#include <sanitizer/lsan_interface.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static __thread void *held;
static pthread_barrier_t ready, done;

static void *nothing(void *unused) { return unused; }

static void *holder(void *tid) {
    held = malloc(2032);
    memset(held, 1, 2032);
    *(long *) tid = syscall(SYS_gettid);
    pthread_barrier_wait(&ready);
    pthread_barrier_wait(&done);
    free(held);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: tid-reuse THREADS joinable|detached\n");
        return 2;
    }
    int count = atoi(argv[1]);
    int detached = strcmp(argv[2], "detached") == 0;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    if (detached) pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < count; i++) {
        pthread_t thread;
        if (pthread_create(&thread, &attributes, nothing, NULL) != 0) return 1;
        if (!detached) pthread_join(thread, NULL);
        else if (i % 64 == 0) usleep(2000); /* let detached threads end before too many pile up */
    }
    pthread_barrier_init(&ready, NULL, 5);
    pthread_barrier_init(&done, NULL, 5);
    pthread_t holders[4];
    long tids[4];
    for (int i = 0; i < 4; i++) pthread_create(&holders[i], NULL, holder, &tids[i]);
    pthread_barrier_wait(&ready);
    int reported = __lsan_do_recoverable_leak_check();
    pthread_barrier_wait(&done);
    for (int i = 0; i < 4; i++) pthread_join(holders[i], NULL);
    printf("%d %s threads before; live holders %ld %ld %ld %ld: %s\n", count, argv[2], tids[0], tids[1], tids[2],
           tids[3], reported ? "REPORTED" : "clean");
    return 0;
}

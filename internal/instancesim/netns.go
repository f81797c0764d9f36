package instancesim

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// inNetns runs f on an OS thread that has joined the network namespace of
// pid. Sockets f opens belong to that namespace and keep working from any
// thread. The thread then returns to its own namespace before it is handed
// back; should that fail, it stays locked and exits with the goroutine. (A
// thread must not exit otherwise: a child started from it with Pdeathsig
// would be killed.)
func inNetns(pid int, f func() error) error {
	done := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		own, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			runtime.UnlockOSThread()
			done <- err
			return
		}
		defer own.Close()
		ns, err := os.Open(fmt.Sprintf("/proc/%d/ns/net", pid))
		if err != nil {
			runtime.UnlockOSThread()
			done <- err
			return
		}
		defer ns.Close()
		if err := unix.Setns(int(ns.Fd()), unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			done <- fmt.Errorf("setns: %w", err)
			return
		}
		err = f()
		if unix.Setns(int(own.Fd()), unix.CLONE_NEWNET) == nil {
			runtime.UnlockOSThread()
		}
		done <- err
	}()
	return <-done
}

// dialIn connects to addr inside pid's network namespace.
func dialIn(pid int, addr string, timeout time.Duration) (net.Conn, error) {
	var conn net.Conn
	err := inNetns(pid, func() (err error) {
		conn, err = net.DialTimeout("tcp", addr, timeout)
		return err
	})
	return conn, err
}

// listenIn listens on addr inside pid's network namespace.
func listenIn(pid int, addr string) (net.Listener, error) {
	var l net.Listener
	err := inNetns(pid, func() (err error) {
		l, err = net.Listen("tcp", addr)
		return err
	})
	return l, err
}

func newReader(r io.Reader) *bufio.Reader { return bufio.NewReader(r) }

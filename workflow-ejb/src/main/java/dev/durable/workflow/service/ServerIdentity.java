package dev.durable.workflow.service;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Names this server as the owner of the leases it takes: host and server directory, which stay the
 * same across restarts, then a suffix for this life of the server, so a restarted server can free the
 * leases its previous lives held without touching those it holds now.
 */
public final class ServerIdentity {
    /** The part of the owner name that stays the same across restarts. */
    public static final String SERVER = host() + ":" + System.getProperty("user.dir");
    /** This life of this server, as a lease owner. */
    public static final String OWNER = SERVER + "#" + Long.toString(System.currentTimeMillis(), 36);

    private ServerIdentity() {
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}

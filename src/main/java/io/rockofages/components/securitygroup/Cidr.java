package io.rockofages.components.securitygroup;

import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.StackException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * CIDR blocks in one canonical text, so rules compare by the addresses they cover: host bits
 * cleared ({@code 10.0.0.1/8} is {@code 10.0.0.0/8}) and IPv6 written as RFC 5952 says
 * ({@code 2001:DB8:0::/32} is {@code 2001:db8::/32}).
 */
public final class Cidr {
  private Cidr() {}

  private static final Pattern LITERAL = Pattern.compile("^[0-9a-fA-F:.]+/[0-9]{1,3}$");

  public static boolean isIpv6(String cidr) {
    return cidr.contains(":");
  }

  /** The canonical text of a CIDR block; refuses what is not one (never looks a name up). */
  public static String canonical(String cidr) {
    if (cidr == null || !LITERAL.matcher(cidr).matches()) {
      throw invalid(cidr);
    }
    int slash = cidr.indexOf('/');
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    byte[] address;
    try {
      address = InetAddress.getByName(cidr.substring(0, slash)).getAddress(); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw invalid(cidr);
    }
    int bits = address.length * 8;
    if (prefix > bits || isIpv6(cidr) != (address.length == 16)) {
      throw invalid(cidr);
    }
    BigInteger mask = prefix == 0 ? BigInteger.ZERO
        : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
    byte[] network = toBytes(new BigInteger(1, address).and(mask), address.length);
    return (address.length == 4 ? ipv4(network) : ipv6(network)) + "/" + prefix;
  }

  private static String ipv4(byte[] b) {
    return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
  }

  /** Lower case, leading zeros dropped, the longest run of two or more zero groups as "::". */
  private static String ipv6(byte[] b) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; i++) {
      int length = 0;
      while (i + length < 8 && groups[i + length] == 0) {
        length++;
      }
      if (length > bestLength) {
        bestStart = i;
        bestLength = length;
      }
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  private static byte[] toBytes(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  private static StackException invalid(String cidr) {
    return new StackException(ErrorKind.INVALID, cidr + " is not a CIDR block (such as 203.0.113.0/24 or 2001:db8::/32)");
  }
}

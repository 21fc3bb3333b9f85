// Prints each argument hashed the way Operate checks passwords ({bcrypt}...), one a line,
// with Spring Security's encoder from the Camunda distribution; engine/users.sh runs it as
// a single-file program.
public class HashPassword {
  public static void main(String[] passwords) {
    var encoder = org.springframework.security.crypto.factory.PasswordEncoderFactories.createDelegatingPasswordEncoder();
    for (String password : passwords) System.out.println(encoder.encode(password));
  }
}

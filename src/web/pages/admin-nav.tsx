/** The admin console's own navigation (dashboard, users, plans and usage), shared by its pages. */
export function AdminNav({ current }: { current: "dashboard" | "users" | "billing" }) {
  const links = [
    { key: "dashboard", href: "/admin/dashboard", label: "Dashboard" },
    { key: "users", href: "/admin/users", label: "Users" },
    { key: "billing", href: "/admin/billing", label: "Plans and usage" },
  ] as const;
  return (
    <nav aria-label="Admin console" class="subnav">
      <ul>
        {links.map((link) => (
          <li>
            <a href={link.href} aria-current={link.key === current ? "page" : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

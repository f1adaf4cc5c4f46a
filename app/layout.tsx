import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import type { Metadata, Viewport } from "next";
import { AppProviders } from "@/components/providers/app-providers";
import { THEME_BOOT_SCRIPT } from "@/lib/client/theme-boot";
import "./globals.css";

export const metadata: Metadata = {
  title: "LLM Playground",
  description: "Compose, run, share and compare LLM requests. Parea-compatible API.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        {/* Sets the theme class before the first paint, so a dark system never flashes white. */}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script of our own, no user data */}
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <AppProviders>{children}</AppProviders>
      </body>
    </html>
  );
}

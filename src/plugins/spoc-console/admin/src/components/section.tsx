import type * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

/** A card of the workspace: a white box named by its heading, its content in a column. */
export function Section({ title, children, padding = 5, gap = 3 }: { title: string; children: React.ReactNode; padding?: 4 | 5 | 6; gap?: 3 | 4 }) {
  return (
    <Box background="neutral0" padding={padding} hasRadius shadow="tableShadow" tag="section" aria-label={title}>
      <Flex direction="column" alignItems="stretch" gap={gap}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        {children}
      </Flex>
    </Box>
  );
}
